/// Demo capsules on the proximity city (in Portuguese) and sustainable mobility.
extension DemoCapsules {
    static let proximity = Content(
        slug: "capsula-cidade-de-proximidade", hours: 2,
        lessons: [
            Lesson(
                title: "O que é a cidade de proximidade",
                body: """
                    A **cidade de proximidade** propõe que a maior parte das necessidades do dia a dia — escola, posto de saúde, comércio, praça, trabalho ou transporte público — esteja a uma curta distância a pé ou de bicicleta de casa. A ideia ficou conhecida como "cidade de 15 minutos", mas o número importa menos que o princípio: aproximar os serviços das pessoas em vez de obrigar as pessoas a atravessar a cidade.

                    O conceito não é novo. Muitos bairros tradicionais de cidades ibero-americanas já funcionavam assim, antes da expansão urbana baseada no automóvel separar moradia, trabalho e comércio em zonas distantes.

                    # Por que interessa a um município

                    - **Menos deslocamentos longos**: menos tempo perdido, menos emissões e menos gasto das famílias com transporte.
                    - **Mais vida no bairro**: comércio local, calçadas ocupadas e mais segurança.
                    - **Mais equidade**: quem não tem carro — crianças, idosos, muitas mulheres que cuidam de outras pessoas — ganha autonomia.

                    A proximidade não substitui o transporte público de qualidade: ele continua essencial para as viagens que não podem ser curtas.
                    """,
                video: "https://video.red-ciudades.example/proximidade/o-bairro",
                readings: [("Rede C40: bairros completos", "https://www.c40.org/")]),
            Lesson(
                title: "Medir o acesso a pé aos serviços",
                body: """
                    Antes de agir, é preciso saber onde falta proximidade. O diagnóstico mais simples cruza dois mapas: onde as pessoas moram e onde estão os serviços essenciais.

                    1. **Escolha os serviços**: por exemplo, escola de ensino fundamental, unidade básica de saúde, mercado ou feira, praça ou área verde, ponto de ônibus com boa frequência.
                    2. **Defina a distância**: em geral, 10 a 15 minutos a pé, cerca de 800 metros a 1 quilômetro, medidos pela rede de ruas e não em linha reta.
                    3. **Calcule a cobertura**: que parte da população de cada bairro alcança cada serviço dentro dessa distância.
                    4. **Observe a rua**: uma distância curta não serve se a calçada é estreita, sem sombra, sem iluminação ou interrompida por uma avenida sem travessia segura.

                    Os dados costumam estar no próprio município: cadastro de equipamentos, censo por setor censitário e a base de ruas. Ferramentas livres de sistemas de informação geográfica permitem fazer o cálculo sem grandes custos.

                    O resultado é um mapa que mostra bairros bem servidos e "desertos" de serviços — quase sempre na periferia mais recente.
                    """,
                readings: [("Objetivos de Desenvolvimento Sustentável: ODS 11", "https://sdgs.un.org/goals/goal11")]),
            Lesson(
                title: "Do diagnóstico à ação no bairro",
                body: """
                    Com o mapa de proximidade em mãos, as ações mais eficazes costumam ser de três tipos.

                    # Levar serviços onde faltam

                    Usar imóveis públicos ociosos, escolas fora do horário de aula ou térreos de conjuntos habitacionais para instalar serviços de saúde, cultura ou atendimento municipal. Muitas vezes é mais barato que construir.

                    # Permitir usos mistos

                    Revisar o zoneamento para que comércio e serviços de pequeno porte possam existir em áreas hoje só residenciais. Sem isso, a proximidade não aparece por conta própria.

                    # Melhorar o caminho

                    Calçadas contínuas, travessias seguras, arborização e iluminação: é o que transforma 800 metros em uma caminhada que as pessoas querem fazer.

                    Um bom começo é escolher **um bairro piloto**, fazer o diagnóstico com os moradores, combinar duas ou três ações visíveis em um ano e medir de novo. O resultado ajuda a convencer outras áreas da prefeitura e a própria Câmara.
                    """),
            Lesson(
                title: "Autoavaliação final",
                body: """
                    Revise o conceito de proximidade, como medir o acesso a pé e os três tipos de ação no bairro.

                    Cada tentativa sorteia quatro perguntas de um banco maior e muda a ordem das respostas. Para ser aprovado, acerte pelo menos 75 %.
                    """),
        ],
        quiz: Quiz(passing: 75, attempts: 3, draw: 4, review: .feedback, questions: [
            q("Qual é a ideia central da cidade de proximidade?", [
                right("Que as necessidades do dia a dia estejam a uma curta distância a pé ou de bicicleta", "O número de minutos importa menos que o princípio."),
                wrong("Que todos morem no centro", "Trata-se de aproximar serviços de cada bairro."),
                wrong("Que se construam mais vias rápidas", "Isso costuma afastar ainda mais os destinos."),
            ]),
            q("Como deve ser medida a distância a um serviço?", [
                wrong("Em linha reta, no mapa", "A linha reta ignora quarteirões e barreiras."),
                right("Pela rede de ruas, no caminho que a pessoa percorre", "É a distância real a pé."),
                wrong("Pelo tempo de carro", "A proximidade se mede a pé ou de bicicleta."),
            ]),
            q("Que grupos ganham mais autonomia com a proximidade?", multiple: true, [
                right("Crianças", "Podem ir sozinhas à escola ou à praça."),
                right("Pessoas idosas", "Evitam deslocamentos longos."),
                right("Quem cuida de outras pessoas", "Encadeia tarefas em trajetos curtos."),
                wrong("Ninguém: só muda o trânsito", "Muda a vida cotidiana de muitos grupos."),
            ]),
            q("Por que uma distância curta pode não bastar?", [
                right("Porque a calçada pode ser ruim, sem sombra, sem iluminação ou cortada por uma avenida", "É preciso observar a rua."),
                wrong("Porque as pessoas preferem sempre o carro", "Com bons caminhos, muitas pessoas caminham."),
                wrong("Porque os serviços fecham cedo", "O horário importa, mas a questão aqui é o caminho."),
            ]),
            q("Qual destas ações leva serviços onde faltam sem construir?", [
                right("Usar imóveis públicos ociosos ou escolas fora do horário", "Costuma ser mais barato que construir."),
                wrong("Ampliar o estacionamento no centro", "Não aproxima serviços da periferia."),
                wrong("Proibir o comércio em áreas residenciais", "É o contrário do uso misto."),
            ]),
            q("Onde costumam aparecer os «desertos» de serviços?", [
                wrong("No centro histórico", "O centro costuma estar bem servido."),
                right("Na periferia mais recente", "A expansão rápida chegou antes dos serviços."),
                wrong("Em todos os bairros por igual", "O diagnóstico mostra diferenças grandes."),
            ]),
            q("Qual é um bom começo para agir?", [
                right("Um bairro piloto, com diagnóstico junto aos moradores e ações visíveis em um ano", "Medir de novo ajuda a convencer."),
                wrong("Um plano para toda a cidade antes de qualquer ação", "Pode levar anos sem resultados visíveis."),
                wrong("Esperar um novo plano diretor", "A proximidade pode começar antes."),
            ]),
        ]))

    static let mobility = Content(
        slug: "capsula-movilidad-sostenible", hours: 2,
        lessons: [
            Lesson(
                title: "Calles para caminar",
                body: """
                    En casi todas las ciudades de la región, la mayoría de los viajes empiezan y terminan a pie, incluso los que usan el bus. Sin embargo, el espacio de la calle suele repartirse al revés: veredas angostas y rotas, cruces largos y peligrosos, y la mayor parte de la calzada para autos que transportan a una minoría.

                    Caminar es el modo más barato, más limpio y más equitativo. Mejorarlo es la primera decisión de una política de movilidad sostenible.

                    # Qué hace caminable una calle

                    - **Veredas continuas y anchas**, sin escalones ni obstáculos, pensadas también para sillas de ruedas y coches de bebé.
                    - **Cruces seguros y frecuentes**, con tiempos de semáforo suficientes para una persona mayor.
                    - **Velocidades bajas**: a 30 km/h, un atropello deja de ser casi siempre mortal.
                    - **Sombra, iluminación y fachadas activas**, que hacen el recorrido agradable y seguro.

                    Las intervenciones tácticas (pintura, bolardos, macetas) permiten probar un cambio en semanas, medir su efecto y hacerlo definitivo después.
                    """,
                video: "https://video.red-ciudades.example/movilidad/calles-para-caminar",
                readings: [("Instituto de Políticas para el Transporte y el Desarrollo (ITDP)", "https://itdp.org/")]),
            Lesson(
                title: "Buses primero: carriles y prioridad",
                body: """
                    Un bus lleno transporta a tantas personas como cuarenta o cincuenta autos, pero en el tráfico avanza a su misma velocidad. Darle **carril exclusivo** y **prioridad en los semáforos** es una de las medidas con mejor relación entre costo e impacto: mejora el tiempo de viaje de la mayoría con pintura, separadores y gestión.

                    # Lo que hace que funcione

                    1. **Continuidad**: un carril que se interrumpe en cada esquina conflictiva pierde buena parte de su efecto.
                    2. **Fiscalización**: sin control, el carril se llena de autos estacionados.
                    3. **Paradas accesibles**, con andenes a nivel, sombra e información.
                    4. **Red e integración tarifaria**: poder combinar líneas sin pagar de nuevo hace que la red sirva para más viajes.

                    Los sistemas de buses de tránsito rápido (BRT) de la región muestran que se puede mover a muchas personas a un costo muy inferior al del metro, siempre que se cuide la operación y el mantenimiento.
                    """),
            Lesson(
                title: "Bicicleta, estacionamiento y seguridad vial",
                body: """
                    # Una red ciclista, no tramos sueltos

                    Las ciclovías atraen usuarios cuando forman una **red continua** que conecta barrios con destinos (escuelas, empleo, estaciones). Tramos aislados, aunque sean de buena calidad, se usan poco.

                    # Gestionar el estacionamiento

                    El estacionamiento gratuito en la calle es un subsidio al auto que ocupa espacio valioso. Cobrar por él, limitar la oferta en el centro y eliminar los mínimos obligatorios de estacionamiento en los edificios nuevos son medidas de bajo costo que cambian hábitos y generan ingresos para el transporte público.

                    # Seguridad vial: visión cero

                    Ninguna muerte en el tránsito es aceptable. Los enfoques de **visión cero** parten de que las personas se equivocan y diseñan calles que perdonan el error: menos velocidad, cruces más cortos, mejor visibilidad. Reducir la velocidad máxima urbana a 50 km/h, y a 30 km/h en barrios y escuelas, es la medida con más evidencia.
                    """,
                readings: [("Plan Mundial para el Decenio de Acción para la Seguridad Vial (OMS)", "https://www.who.int/teams/social-determinants-of-health/safety-and-mobility/decade-of-action-for-road-safety-2021-2030")]),
            Lesson(
                title: "Autoevaluación final",
                body: """
                    Repase las cinco decisiones: calles para caminar, carriles para buses, red ciclista, gestión del estacionamiento y seguridad vial.

                    Cada intento sortea cinco preguntas. Se aprueba con el 60 %.
                    """),
        ],
        quiz: Quiz(passing: 60, attempts: 3, draw: 5, review: .questions, questions: [
            q("¿Cómo empiezan y terminan la mayoría de los viajes urbanos?", [
                right("A pie, incluso los que usan el bus", "Por eso caminar es la base de la movilidad."),
                wrong("En auto", "El auto transporta a una minoría en la mayoría de ciudades de la región."),
                wrong("En bicicleta", "Su uso crece, pero aún es minoritario."),
            ]),
            q("¿Por qué se recomienda 30 km/h en barrios y entornos escolares?", [
                right("Porque a esa velocidad un atropello deja de ser casi siempre mortal", "La velocidad es el principal factor de gravedad."),
                wrong("Porque reduce el consumo de combustible", "Puede hacerlo, pero no es la razón principal."),
                wrong("Porque los autos no pueden ir más rápido en calles angostas", "Sí pueden; por eso hay que limitarlo."),
            ]),
            q("¿Qué hace que un carril exclusivo para buses funcione?", multiple: true, [
                right("Que sea continuo", "Las interrupciones le quitan efecto."),
                right("Que se fiscalice", "Sin control se llena de autos."),
                right("Paradas accesibles e integración tarifaria", "Hacen que la red sirva para más viajes."),
                wrong("Que solo funcione los fines de semana", "Su valor está en las horas punta."),
            ]),
            q("¿Qué atrae más usuarios a la bicicleta?", [
                wrong("Tramos aislados de muy buena calidad", "Sin conexión se usan poco."),
                right("Una red continua que conecte barrios con destinos", "La continuidad es lo que más pesa."),
                wrong("Ciclovías solo en parques", "Sirven para pasear, no para los viajes diarios."),
            ]),
            q("¿Qué es el estacionamiento gratuito en la calle, desde la política de movilidad?", [
                right("Un subsidio al auto que ocupa espacio valioso", "Gestionarlo cambia hábitos y genera ingresos."),
                wrong("Un servicio neutral", "Tiene costos para la ciudad."),
                wrong("Una forma de promover el transporte público", "Hace lo contrario."),
            ]),
            q("¿De qué parte el enfoque de visión cero?", [
                right("De que las personas se equivocan y las calles deben perdonar el error", "Se diseña para que un error no mate."),
                wrong("De que basta con multar más", "La fiscalización ayuda, pero el diseño es central."),
                wrong("De que los accidentes son inevitables", "Visión cero sostiene lo contrario."),
            ]),
            q("¿Para qué sirven las intervenciones tácticas con pintura y bolardos?", [
                right("Para probar un cambio en semanas, medirlo y hacerlo definitivo después", "Reducen riesgos y costos."),
                wrong("Para reemplazar las obras definitivas para siempre", "Son una etapa, no el final."),
                wrong("Para decorar la calle", "Su objetivo es cambiar cómo se usa."),
            ]),
            q("¿Cuántos autos equivale aproximadamente un bus lleno?", [
                wrong("Cinco", "Es bastante más."),
                right("Entre cuarenta y cincuenta", "Por eso darle prioridad beneficia a la mayoría."),
                wrong("Doscientos", "Es menos que eso."),
            ]),
        ]))
}
